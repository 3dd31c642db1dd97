/** Names under which the build embeds the Windows service host (WinSW) in the single executable. */
export const SERVICE_HOST_ASSETS = { exe: "winsw.exe", config: "winsw.exe.config" } as const;
