/**
 * A live stream outlives the check made when it opened: a user disabled, demoted, signed out or
 * with an API key revoked would otherwise keep watching (a shell, a chat) for as long as the tab
 * stays open. Every `everyMs` the credentials the stream was opened with are checked again; when
 * they no longer hold, the viewer gets a final `end` event saying why and the stream closes.
 */
export const REVALIDATE_EVERY_MS = 30_000;

export function endWhenCredentialsLapse(response: Response, stillValid: () => Promise<boolean>, everyMs = REVALIDATE_EVERY_MS): Response {
  if (!response.body) return response;
  const upstream = response.body.getReader();
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    clearInterval(timer);
    void upstream.cancel().catch(() => {});
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setInterval(() => {
        stillValid()
          .catch(() => true) // a database hiccup is not a reason to cut a technician off
          .then((valid) => {
            if (valid) return;
            stop();
            try {
              controller.enqueue(new TextEncoder().encode(`event: end\ndata: ${JSON.stringify({ reason: "your sign-in or permissions changed; sign in again" })}\n\n`));
              controller.close();
            } catch {
              // the viewer is already gone
            }
          });
      }, everyMs);
    },
    async pull(controller) {
      try {
        const { value, done } = await upstream.read();
        if (done) {
          clearInterval(timer);
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        clearInterval(timer);
        controller.error(error);
      }
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, { status: response.status, headers: response.headers });
}
