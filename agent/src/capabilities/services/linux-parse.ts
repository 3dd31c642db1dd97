/** Pure parsers for `systemctl list-units` and `list-unit-files` (plain, without legend), which every systemd version prints. */
import type { ServiceInfo } from "../../../../src/protocol";
import { systemdStatus } from "./status";

type UnitRow = { name: string; load: string; active: string; sub: string; description?: string };

/** `UNIT LOAD ACTIVE SUB DESCRIPTION`; a unit whose file is missing may carry a leading "●". */
export function parseListUnits(text: string): UnitRow[] {
  const rows: UnitRow[] = [];
  for (const line of text.split("\n")) {
    const fields = line.replace(/^\s*●\s*/, "").trim().split(/\s+/);
    const [name, load, active, sub, ...description] = fields;
    if (!name?.endsWith(".service") || !load || !active || !sub) continue;
    rows.push({ name, load, active, sub, description: description.join(" ") || undefined });
  }
  return rows;
}

/** `UNIT STATE [PRESET]` -> unit name to its enablement ("enabled", "disabled", "static", "masked", ...). */
export function parseListUnitFiles(text: string): Map<string, string> {
  const states = new Map<string, string>();
  for (const line of text.split("\n")) {
    const [name, state] = line.trim().split(/\s+/);
    if (name?.endsWith(".service") && state) states.set(name, state);
  }
  return states;
}

/**
 * Loaded units with their state, plus installed unit files that are not loaded (a disabled
 * service nobody started), which are stopped. Units whose file is gone and templates
 * (`getty@.service`, only startable as an instance) are left out: neither can be started.
 */
export function toServiceList(units: UnitRow[], unitFiles: Map<string, string>): ServiceInfo[] {
  const services: ServiceInfo[] = [];
  const seen = new Set<string>();
  for (const unit of units) {
    if (unit.load === "not-found") continue;
    seen.add(unit.name);
    services.push({ name: unit.name, displayName: unit.description, status: systemdStatus(unit.active, unit.sub), startType: unitFiles.get(unit.name) });
  }
  for (const [name, startType] of unitFiles) {
    if (seen.has(name) || name.endsWith("@.service")) continue;
    services.push({ name, status: "stopped", startType });
  }
  return services.sort((a, b) => a.name.localeCompare(b.name));
}
