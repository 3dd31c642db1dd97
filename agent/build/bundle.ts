/** Bundles the agent and its dependencies into one CommonJS file for the single executable. */
import { build } from "esbuild";

export async function bundleAgent(entryPoint: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node22",
    // ws would otherwise try to require its optional native add-ons, which a single executable cannot load.
    define: {
      "process.env.WS_NO_BUFFER_UTIL": '"1"',
      "process.env.WS_NO_UTF_8_VALIDATE": '"1"',
    },
    legalComments: "none",
    logLevel: "warning",
  });
}
