"use client";
/**
 * The device list: one server-rendered page of `agents.list`, with search, filters, sort and
 * paging kept in the address (changing any of them navigates, and the server renders the new
 * page), a column chooser, and a selection for bulk actions. 10,000 devices cost one page.
 */
import { useRouter } from "next/navigation";
import { useEffect, useState, type MouseEvent } from "react";
import { buttonClass } from "@/components/button";
import { deviceListSearch, PAGE_SIZES, type DeviceListParams } from "@/lib/device-list-params";
import { countLabel } from "@/lib/table-rows";
import type { AgentPage } from "@/server/contracts/agents";
import { BulkBar, type BulkContext } from "./bulk-actions";
import { ColumnChooser, useVisibleColumns } from "./column-chooser";
import { NAME_COLUMN, OPTIONAL_COLUMNS, type DeviceColumn } from "./device-columns";
import { useDeviceListUrl } from "./use-device-list-url";

const SEARCH_DELAY_MS = 300;
const BOX = "h-8 rounded-md border bg-white px-2 text-[13px] shadow-sm focus:border-sky-500 focus:ring-2 focus:ring-sky-500/25 focus:outline-none";

type DevicesTableProps = { page: AgentPage; params: DeviceListParams; role: "viewer" | "operator" | "admin"; context: BulkContext; alertsByAgent: Record<string, number> };

function SortIcon({ direction }: { direction: "asc" | "desc" | null }) {
  return (
    <svg aria-hidden viewBox="0 0 12 12" className={`size-3 ${direction ? "text-sky-600" : "text-slate-300 group-hover:text-slate-400"}`}>
      <path d="M3 5l3-3 3 3" fill="none" stroke="currentColor" strokeWidth={1.5} opacity={direction === "desc" ? 0.3 : 1} />
      <path d="M3 7l3 3 3-3" fill="none" stroke="currentColor" strokeWidth={1.5} opacity={direction === "asc" ? 0.3 : 1} />
    </svg>
  );
}

function SearchBox({ value, onSearch }: { value: string; onSearch: (query: string) => void }) {
  const [query, setQuery] = useState(value);
  useEffect(() => {
    if (query.trim() === value) return;
    const timer = setTimeout(() => onSearch(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, value, onSearch]);
  return (
    <input
      type="search"
      value={query}
      onChange={(event) => setQuery(event.target.value)}
      placeholder="Search name, IP, OS…"
      aria-label="Search devices"
      className={`${BOX} w-64 border-slate-300`}
    />
  );
}

export function DevicesTable({ page, params, role, context, alertsByAgent }: DevicesTableProps) {
  const router = useRouter();
  const { change, pending } = useDeviceListUrl(params);
  const [visibleIds, setVisibleIds] = useVisibleColumns();
  const [picked, setPicked] = useState<string[]>([]);
  const columns: DeviceColumn[] = [NAME_COLUMN, ...OPTIONAL_COLUMNS.filter((column) => visibleIds.includes(column.id))];
  const onPage = page.items.map((agent) => agent.agentId);
  // Only what is on this page stays selected: after paging, filtering or a removal.
  const selected = picked.filter((id) => onPage.includes(id));
  const allSelected = onPage.length > 0 && selected.length === onPage.length;
  const first = page.total === 0 ? 0 : (page.page - 1) * page.perPage + 1;
  const last = Math.min(page.total, page.page * page.perPage);

  function toggle(agentId: string, on: boolean) {
    setPicked((current) => (on ? [...current, agentId] : current.filter((id) => id !== agentId)));
  }

  function sortBy(column: DeviceColumn) {
    if (!column.sort) return;
    change({ sort: column.sort, order: params.sort === column.sort && params.order === "asc" ? "desc" : "asc" });
  }

  function openRow(event: MouseEvent, agentId: string) {
    if ((event.target as HTMLElement).closest("a, button, input, select, label") || window.getSelection()?.toString()) return;
    router.push(`/devices/${encodeURIComponent(agentId)}`);
  }

  return (
    <div className="min-w-0 flex-1">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <SearchBox value={params.q ?? ""} onSearch={(q) => change({ q: q || undefined })} />
        <select aria-label="Filter by status" value={params.status ?? ""} onChange={(event) => change({ status: (event.target.value || undefined) as DeviceListParams["status"] })} className={`${BOX} ${params.status ? "border-sky-400 bg-sky-50" : "border-slate-300"}`}>
          <option value="">Any status</option>
          <option value="online">Online</option>
          <option value="offline">Offline</option>
        </select>
        <select aria-label="Filter by group" value={params.group ?? ""} onChange={(event) => change({ group: event.target.value || undefined })} className={`${BOX} ${params.group ? "border-sky-400 bg-sky-50" : "border-slate-300"}`}>
          <option value="">Any group</option>
          {context.groups.map((group) => (
            <option key={group} value={group}>
              {group}
            </option>
          ))}
        </select>
        {params.tag ? (
          <button type="button" onClick={() => change({ tag: undefined })} aria-label={`Stop filtering by tag ${params.tag}`} className={`${BOX} border-sky-400 bg-sky-50 font-medium text-sky-800`}>
            Tag: {params.tag} ×
          </button>
        ) : null}
        <span className="ml-auto flex items-center gap-2">
          <ColumnChooser visible={visibleIds} onChange={setVisibleIds} />
          <a href={`/devices/export.csv${deviceListSearch({ ...params, page: 1 })}`} download className={buttonClass("secondary")}>
            Export CSV
          </a>
        </span>
      </div>

      <BulkBar selected={selected} role={role} context={context} onClear={() => setPicked([])} />

      <div aria-busy={pending} className={`max-h-[calc(100vh-14rem)] overflow-auto rounded-lg border border-slate-200 bg-white shadow-sm transition-opacity ${pending ? "opacity-60" : ""}`}>
        <table className="w-full border-separate border-spacing-0 text-[13px]">
          <thead>
            <tr>
              <th scope="col" className="sticky top-0 z-10 w-8 border-b border-slate-200 bg-slate-50 px-3">
                <input type="checkbox" aria-label="Select all devices on this page" checked={allSelected} disabled={onPage.length === 0} onChange={(event) => setPicked(event.target.checked ? onPage : [])} className="accent-sky-600" />
              </th>
              {columns.map((column) => {
                const direction = column.sort && params.sort === column.sort ? params.order : null;
                return (
                  <th
                    key={column.id}
                    scope="col"
                    aria-sort={column.sort ? (direction === "asc" ? "ascending" : direction === "desc" ? "descending" : "none") : undefined}
                    className={`sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-3 py-0 font-medium whitespace-nowrap ${column.numeric ? "text-right" : "text-left"}`}
                  >
                    {column.sort ? (
                      <button type="button" onClick={() => sortBy(column)} className="group -mx-1 inline-flex h-8 items-center gap-1 rounded px-1 text-[11px] tracking-wide text-slate-500 uppercase hover:text-slate-900 focus-visible:ring-2 focus-visible:ring-sky-500/40 focus-visible:outline-none">
                        {column.header}
                        <SortIcon direction={direction} />
                      </button>
                    ) : (
                      <span className="text-[11px] tracking-wide text-slate-500 uppercase">{column.header}</span>
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="[&>tr:last-child>td]:border-b-0">
            {page.items.map((agent) => {
              const isSelected = selected.includes(agent.agentId);
              return (
                <tr key={agent.agentId} data-agent-id={agent.agentId} onClick={(event) => openRow(event, agent.agentId)} className={`cursor-pointer ${isSelected ? "bg-sky-50" : "hover:bg-sky-50/60"}`}>
                  <td className="border-b border-slate-100 px-3 py-1.5">
                    <input type="checkbox" aria-label={`Select ${agent.displayName ?? agent.name}`} checked={isSelected} onChange={(event) => toggle(agent.agentId, event.target.checked)} className="accent-sky-600" />
                  </td>
                  {columns.map((column) => (
                    <td key={column.id} className={`border-b border-slate-100 px-3 py-1.5 align-middle ${column.numeric ? "text-right tabular-nums" : ""} ${column.className ?? ""}`}>
                      {column.render(agent, { filterTag: (tag) => change({ tag }), activeAlerts: (agentId) => alertsByAgent[agentId] ?? 0 })}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        {page.items.length === 0 ? <div className="px-3 py-10 text-center text-[13px] text-slate-500">No devices match these filters.</div> : null}
      </div>

      <nav aria-label="Pages" className="mt-2 flex flex-wrap items-center gap-3 text-xs text-slate-600">
        <span className="tabular-nums" aria-live="polite">
          {page.total === 0 ? countLabel(0, "devices") : `${first.toLocaleString("en")}–${last.toLocaleString("en")} of ${countLabel(page.total, "devices").replace(String(page.total), page.total.toLocaleString("en"))}`}
        </span>
        <label className="flex items-center gap-1.5">
          Per page
          <select value={params.per} onChange={(event) => change({ per: Number(event.target.value) as DeviceListParams["per"] })} className={`${BOX} h-7 border-slate-300`}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
        <span className="ml-auto flex items-center gap-2">
          <button type="button" onClick={() => change({ page: page.page - 1 })} disabled={page.page <= 1} className={buttonClass("secondary", "sm")}>
            Previous
          </button>
          <span className="tabular-nums">
            Page {page.page} of {Math.max(1, page.pages)}
          </span>
          <button type="button" onClick={() => change({ page: page.page + 1 })} disabled={page.page >= page.pages} className={buttonClass("secondary", "sm")}>
            Next
          </button>
        </span>
      </nav>
    </div>
  );
}
