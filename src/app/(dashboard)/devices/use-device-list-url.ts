"use client";
/**
 * Changes the device list by changing its address: the server component reads the new params and
 * renders that page, so a reload, a bookmark or a shared link shows the same list. `replace`, not
 * `push`: typing a search must not fill the history with one entry per keystroke.
 */
import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";
import { deviceListSearch, withDeviceListChange, type DeviceListParams } from "@/lib/device-list-params";

export function useDeviceListUrl(params: DeviceListParams) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  function change(update: Partial<DeviceListParams>) {
    const search = deviceListSearch(withDeviceListChange(params, update));
    startTransition(() => router.replace(`${pathname}${search}`, { scroll: false }));
  }
  return { change, pending };
}
