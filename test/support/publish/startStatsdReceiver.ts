/**
 * @module Test support: a StatsD/DogStatsD receiver on a free loopback UDP port, decoding each
 * datagram's lines (`name:value|type|#tag:value,...`) into metrics with their tags.
 */
import { createSocket } from 'node:dgram';

export interface StatsdMetric {
  name: string;
  value: number;
  type: string;
  tags: Record<string, string>;
}

export interface StatsdReceiver {
  /** `127.0.0.1:<port>` */
  address: string;
  metrics: StatsdMetric[];
  stop(): Promise<void>;
}

function decodeLine(line: string): StatsdMetric | undefined {
  const match = /^([^:|]+):([^|]+)\|([a-z]+)(?:\|@[\d.]+)?(?:\|#(.*))?$/.exec(line.trim());
  if (!match) return undefined;
  const tags = Object.fromEntries(
    (match[4] ?? '')
      .split(',')
      .filter(Boolean)
      .map((tag) => {
        const at = tag.indexOf(':');
        return at < 0 ? [tag, ''] : [tag.slice(0, at), tag.slice(at + 1)];
      }),
  );
  return { name: match[1]!, value: Number(match[2]), type: match[3]!, tags };
}

export async function startStatsdReceiver(): Promise<StatsdReceiver> {
  const socket = createSocket('udp4');
  const metrics: StatsdMetric[] = [];
  socket.on('message', (message) => {
    for (const line of message.toString('utf8').split('\n')) {
      const metric = decodeLine(line);
      if (metric) metrics.push(metric);
    }
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    metrics,
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
