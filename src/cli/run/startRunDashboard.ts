/**
 * @module `rocket-sim run --dashboard PORT` (or SIM_DASHBOARD_PORT): the live dashboard of one run, fed
 * by the rocket plugin's IPC messages (the same ones the progress line reads) and the run's database
 * sampler. Closing it sends the pages a last "finished" update, then closes the port; the run's files
 * do not depend on it.
 */
import type { DatabaseWatch } from '../../dbwatch/index.ts';
import { createDashboardFeed } from '../../live/createDashboardFeed.ts';
import { startDashboardServer } from '../../live/startDashboardServer.ts';
import type { EnsureConfig } from '../../report/ensureConfig.ts';

export interface RunDashboard {
  url: string;
  port: number;
  onMessage(message: unknown): void;
  close(): Promise<void>;
}

export async function startRunDashboard(options: {
  port: number;
  host: string | undefined;
  scenario: string;
  plannedSeconds: number;
  phaseCount: number;
  ensure: EnsureConfig | undefined;
  /** the run's database sampler: its figures so far join every window's update */
  database?: { snapshot(): DatabaseWatch } | undefined;
}): Promise<RunDashboard> {
  const { database } = options;
  const feed = createDashboardFeed({ ...options, database: database && (() => database.snapshot()) });
  const server = await startDashboardServer({
    port: options.port,
    host: options.host,
    scenario: options.scenario,
    initial: feed.current(),
  });
  return {
    url: server.url,
    port: server.port,
    onMessage(message) {
      const update = feed.onMessage(message);
      if (update) server.publish(update);
    },
    async close() {
      server.publish(feed.finish());
      await server.close();
    },
  };
}
