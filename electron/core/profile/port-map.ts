/**
 * `--port-map` entries: `HOST:PORT=PORT` says which MQTT port a traffic manager listed as
 * HOST:PORT in a classic broker list really listens on. Keys are lower-case `host:port`, with
 * IPv6 hosts in brackets, exactly as the importer writes them.
 */
export type PortMap = ReadonlyMap<string, number>;

const ENTRY = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]=\s]+):(\d{1,5})=(\d{1,5})$/;

function validPort(text: string): number | undefined {
  const port = Number(text);
  return port >= 1 && port <= 65_535 ? port : undefined;
}

export function portMapKey(host: string, port: number): string {
  return `${host.toLowerCase()}:${port}`;
}

export function parsePortMap(entries: readonly string[]): { ok: true; map: PortMap } | { ok: false; error: string } {
  const map = new Map<string, number>();
  for (const entry of entries) {
    const match = ENTRY.exec(entry.trim());
    const from = match?.[2] === undefined ? undefined : validPort(match[2]);
    const to = match?.[3] === undefined ? undefined : validPort(match[3]);
    if (!match?.[1] || from === undefined || to === undefined) {
      return {
        ok: false,
        error: `port map entry "${entry}" is not HOST:PORT=PORT with ports 1–65535 (for example tm1.example.com:5672=1883)`,
      };
    }
    const key = portMapKey(match[1], from);
    const earlier = map.get(key);
    if (earlier !== undefined && earlier !== to) {
      return { ok: false, error: `port map entry "${entry}" contradicts an earlier one (${key}=${earlier})` };
    }
    map.set(key, to);
  }
  return { ok: true, map };
}
