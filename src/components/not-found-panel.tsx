/** The 404 message, used inside the dashboard and for addresses outside any page. */
import { BackToDevices } from "./back-to-devices";
import { StatusPanel } from "./status-panel";

export function NotFoundPanel() {
  return (
    <StatusPanel code="404 · NOT FOUND" title="There is nothing at this address" action={<BackToDevices />}>
      The page may have moved, or the device or item it showed no longer exists.
    </StatusPanel>
  );
}
