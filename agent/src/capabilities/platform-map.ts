/** Each capability lists its implementation per OS; the agent picks the one for the OS it runs on. */
export type SupportedPlatform = "linux" | "win32";
export type Implementations<T> = Record<SupportedPlatform, T>;

export function implementationFor<T>(implementations: Implementations<T>, platform: NodeJS.Platform, capability: string): T {
  if (platform === "linux" || platform === "win32") return implementations[platform];
  throw new Error(`the ${capability} capability is not implemented on ${platform}`);
}
