"use client";
/** Runs the current version on the devices ticked here and shows each device's exit code and output. */
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { controlProps, Field } from "@/components/field";
import { FormCard } from "@/components/form-card";
import { FormErrorSummary } from "@/components/form-error-summary";
import type { z } from "zod";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { DEFAULT_SCRIPT_TIMEOUT_SECONDS, runScriptInput, type ScriptRun } from "@/server/contracts/scripts";
import { RunOutput } from "./run-output";

type Device = { agentId: string; name: string; platform: string | null; online: boolean };
const FIELDS = ["agentIds", "args", "timeoutSeconds"];

/** One argument per line, exactly as typed (an empty last line from the final newline is dropped). */
const argumentsOf = (text: string) => (text === "" ? [] : text.replace(/\r\n/g, "\n").replace(/\n$/, "").split("\n"));

export function RunPanel({ scriptId, runnable, devices }: { scriptId: number; runnable: boolean; devices: Device[] }) {
  const { run, pending, error } = useMutation(runScriptInput, (input: z.input<typeof runScriptInput>) => trpc.scripts.run.mutate(input));
  const [results, setResults] = useState<ScriptRun[] | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const answer = await run({
      scriptId,
      agentIds: data.getAll("agentIds").map(String),
      args: argumentsOf(String(data.get("args") ?? "")),
      timeoutSeconds: Number(data.get("timeoutSeconds")),
    });
    setResults(answer ? answer.runs : null);
  }

  return (
    <FormCard title="Run" description="The current version runs on each ticked device at the same time; the page waits for every result.">
      {!runnable ? (
        <Alert tone="info">This version awaits approval by an admin other than its author; it cannot run yet.</Alert>
      ) : (
        <form onSubmit={submit} noValidate className="space-y-3" aria-label="Run script">
          <fieldset>
            <legend className="text-[13px] font-medium text-slate-700">Devices</legend>
            {devices.length === 0 ? <p className="text-xs text-slate-500">No devices yet.</p> : null}
            <div className="mt-1 grid max-h-48 gap-1 overflow-y-auto sm:grid-cols-2">
              {devices.map((device) => (
                <label key={device.agentId} className="flex items-center gap-2 text-[13px] text-slate-700">
                  <input type="checkbox" name="agentIds" value={device.agentId} className="size-4 accent-sky-600" />
                  <span className={device.online ? "" : "text-slate-400"}>
                    {device.name} <span className="text-xs text-slate-400">({device.online ? device.platform ?? "online" : "offline"})</span>
                  </span>
                </label>
              ))}
            </div>
            {error?.fields.agentIds ? <p className="text-xs text-red-600">{error.fields.agentIds}</p> : null}
          </fieldset>
          <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_9rem]">
            <Field id="run-args" label="Arguments" error={error?.fields.args} hint="One per line; each is passed as one argument, never through a shell.">
              <textarea id="run-args" name="args" rows={3} spellCheck={false} className="block w-full rounded-md border border-slate-300 p-2 font-mono text-[12px] shadow-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-500/25" />
            </Field>
            <Field id="run-timeout" label="Timeout (s)" error={error?.fields.timeoutSeconds} hint="At most 300.">
              <input name="timeoutSeconds" type="number" min={1} max={300} defaultValue={DEFAULT_SCRIPT_TIMEOUT_SECONDS} {...controlProps("run-timeout", error?.fields.timeoutSeconds)} />
            </Field>
          </div>
          <FormErrorSummary error={error} fields={FIELDS} />
          <Button type="submit" disabled={pending}>
            {pending ? "Running…" : "Run on selected devices"}
          </Button>
        </form>
      )}
      {results ? (
        <ul className="mt-4 space-y-3" aria-label="Results">
          {results.map((result) => (
            <li key={result.id} data-testid="run-result">
              <RunOutput run={result} />
            </li>
          ))}
        </ul>
      ) : null}
    </FormCard>
  );
}
