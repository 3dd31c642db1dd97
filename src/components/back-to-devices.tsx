/** The way out of a dead end: the device list is every role's home page. */
import Link from "next/link";
import { buttonClass } from "./button";

export function BackToDevices() {
  return (
    <Link href="/devices" className={buttonClass("secondary")}>
      Back to devices
    </Link>
  );
}
