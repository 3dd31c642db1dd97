/** Reads server-sent events from a fetch Response in tests: frames parsed into `{ id, event, data }`, comments skipped. */
export type ReceivedEvent = { id?: string; event?: string; data?: unknown };

export function sseReader(response: Response) {
  const body = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const events: ReceivedEvent[] = [];
  return {
    events,
    /** Resolves once `count` events (in all) have arrived. */
    next(count: number): Promise<ReceivedEvent[]> {
      return this.until(() => events.length >= count);
    },
    async until(done: (events: ReceivedEvent[]) => boolean): Promise<ReceivedEvent[]> {
      while (!done(events)) {
        const { value, done } = await body.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(frame.split("\n").filter((line) => !line.startsWith(":") && line.includes(":")).map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trim()]));
          if (fields.event) events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data ?? "null") });
        }
      }
      return events;
    },
    cancel: () => body.cancel(),
  };
}
