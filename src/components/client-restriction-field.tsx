"use client";
/**
 * Which clients someone (a user, an API key) may reach: every client, or only the ticked ones.
 * Read back with `readClientRestriction` from the form's data.
 */
import { useState } from "react";

type Props = { id: string; clients: { id: number; name: string }[]; defaultValue?: number[] | null; error?: string; allLabel?: string };

export function ClientRestrictionField({ id, clients, defaultValue = null, error, allLabel = "All clients" }: Props) {
  const [limited, setLimited] = useState(defaultValue !== null);
  return (
    <fieldset className="space-y-1.5" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-[13px] font-medium text-slate-700">Clients</legend>
      <label className="flex items-center gap-2 text-[13px] text-slate-700">
        <input type="radio" name="clientScope" value="all" checked={!limited} onChange={() => setLimited(false)} className="accent-sky-600" />
        {allLabel}
      </label>
      <label className="flex items-center gap-2 text-[13px] text-slate-700">
        <input type="radio" name="clientScope" value="some" checked={limited} onChange={() => setLimited(true)} className="accent-sky-600" />
        Only these:
      </label>
      <div className="max-h-40 space-y-1 overflow-y-auto pl-6">
        {clients.map((client) => (
          <label key={client.id} className={`flex items-center gap-2 text-[13px] ${limited ? "text-slate-700" : "text-slate-400"}`}>
            <input
              type="checkbox"
              name="clientIds"
              value={client.id}
              disabled={!limited}
              defaultChecked={defaultValue?.includes(client.id) ?? false}
              aria-label={`Client ${client.name}`}
              className="size-4 rounded border-slate-300 accent-sky-600"
            />
            {client.name}
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** null for every client, else the ticked client ids. */
export function readClientRestriction(data: FormData): number[] | null {
  return data.get("clientScope") === "some" ? data.getAll("clientIds").map(Number) : null;
}
