/**
 * @module Test support: follows a live dashboard's event stream (`<url>events`) until an update
 * `accept`s, bounded by `timeoutMs`, then closes the stream.
 */
import type { DashboardUpdate } from '../../../src/live/createDashboardFeed.ts';

export async function readDashboardUpdate(
  eventsUrl: string,
  accept: (update: DashboardUpdate) => boolean,
  timeoutMs: number,
): Promise<DashboardUpdate> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let seen = 0;
  try {
    const response = await fetch(eventsUrl, { signal: controller.signal });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!data) continue;
        seen += 1;
        const update = JSON.parse(data) as DashboardUpdate;
        if (accept(update)) return update;
      }
    }
    throw new Error(`the event stream ended after ${seen} updates, none accepted`);
  } catch (error) {
    if (controller.signal.aborted) throw new Error(`no accepted update in ${timeoutMs} ms (${seen} updates seen)`);
    throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
