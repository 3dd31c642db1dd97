/**
 * Credit-based flow control of a file stream, the receiving side's bookkeeping. The receiver grants
 * a window; the sender never has more than the credit it was granted in flight; the receiver grants
 * more only for bytes it has passed on (written to disk, accepted by an HTTP socket). So however
 * slow the final reader, no process between it and the file holds more than one window.
 */
import { STREAM_CREDIT_STEP_BYTES, STREAM_WINDOW_BYTES } from "./file-stream";

export class ReceiveWindow {
  private granted = 0;
  private received = 0;
  private released = 0;

  constructor(
    private readonly size = STREAM_WINDOW_BYTES,
    private readonly step = STREAM_CREDIT_STEP_BYTES,
  ) {}

  /** The first grant: the whole window. */
  open(): number {
    this.granted = this.size;
    return this.size;
  }

  /** Counts arriving bytes; false when they exceed what was granted (the sender broke the protocol). */
  accept(bytes: number): boolean {
    this.received += bytes;
    return this.received <= this.granted;
  }

  /** Bytes passed on; answers the credit to grant now, 0 while it would be less than a step. */
  release(bytes: number): number {
    this.released += bytes;
    const grant = this.released + this.size - this.granted;
    if (grant < this.step) return 0;
    this.granted += grant;
    return grant;
  }

  get receivedBytes(): number {
    return this.received;
  }

  /** Credit the sender still holds: while it is positive, the receiver is waiting on the sender. */
  get outstanding(): number {
    return this.granted - this.received;
  }
}
