"use client";
/**
 * Which optional columns the device list shows: a menu of checkboxes, remembered per browser
 * (localStorage), so each technician keeps the columns they scan for. The server renders the
 * default set; the stored choice applies once the page hydrates.
 */
import { useMemo, useSyncExternalStore } from "react";
import { DEFAULT_COLUMN_IDS, OPTIONAL_COLUMNS } from "./device-columns";

const STORAGE_KEY = "rmm.devices.columns";
const CHANGED = "rmm-devices-columns";

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

function readStored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The visible optional column ids, and a setter that stores them. */
export function useVisibleColumns(): [string[], (ids: string[]) => void] {
  const stored = useSyncExternalStore(subscribe, readStored, () => null);
  const ids = useMemo(() => {
    try {
      const parsed: unknown = stored ? JSON.parse(stored) : null;
      return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === "string") : DEFAULT_COLUMN_IDS;
    } catch {
      return DEFAULT_COLUMN_IDS;
    }
  }, [stored]);
  function set(next: string[]) {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Private mode or a full quota: the choice lasts until the page reloads, which is fine.
    }
    window.dispatchEvent(new Event(CHANGED));
  }
  return [ids, set];
}

export function ColumnChooser({ visible, onChange }: { visible: string[]; onChange: (ids: string[]) => void }) {
  function toggle(id: string, on: boolean) {
    // Kept in table order, whatever order they were ticked in.
    onChange(OPTIONAL_COLUMNS.map((column) => column.id).filter((other) => (other === id ? on : visible.includes(other))));
  }
  return (
    <details className="relative">
      <summary className="flex h-8 cursor-pointer list-none items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-[13px] font-medium text-slate-700 shadow-sm hover:bg-slate-50">
        Columns
        <svg aria-hidden viewBox="0 0 12 12" className="size-3 text-slate-400">
          <path d="M3 4.5l3 3 3-3" fill="none" stroke="currentColor" strokeWidth={1.5} />
        </svg>
      </summary>
      <fieldset className="absolute right-0 z-30 mt-1 w-48 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
        <legend className="sr-only">Columns shown</legend>
        {OPTIONAL_COLUMNS.map((column) => (
          <label key={column.id} className="flex items-center gap-2 rounded px-2 py-1 text-[13px] text-slate-700 hover:bg-slate-50">
            <input type="checkbox" checked={visible.includes(column.id)} onChange={(event) => toggle(column.id, event.target.checked)} className="accent-sky-600" />
            {column.header}
          </label>
        ))}
        <button type="button" onClick={() => onChange(DEFAULT_COLUMN_IDS)} className="mt-1 w-full rounded px-2 py-1 text-left text-xs font-medium text-sky-700 hover:bg-sky-50">
          Reset to defaults
        </button>
      </fieldset>
    </details>
  );
}
