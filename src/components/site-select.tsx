/** A site picker: sites grouped under their client, the default site marked. */
import type { SelectHTMLAttributes } from "react";
import type { TenantOption } from "./tenant-options";

type SiteSelectProps = {
  clients: TenantOption[];
  name?: string;
  value?: number | "";
  defaultValue?: number | "";
  onChange?: (siteId: number | "") => void;
  /** A first, empty choice, e.g. "Default site"; without it a site must be chosen. */
  emptyLabel?: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "value" | "defaultValue" | "onChange">;

export function SiteSelect({ clients, name = "siteId", value, defaultValue, onChange, emptyLabel, ...rest }: SiteSelectProps) {
  return (
    <select
      name={name}
      {...(value === undefined ? { defaultValue: defaultValue ?? "" } : { value })}
      onChange={onChange && ((event) => onChange(event.target.value === "" ? "" : Number(event.target.value)))}
      {...rest}
    >
      <option value="" disabled={!emptyLabel}>
        {emptyLabel ?? "Select a site…"}
      </option>
      {clients.map((client) => (
        <optgroup key={client.id} label={client.name}>
          {client.sites.map((site) => (
            <option key={site.id} value={site.id}>
              {client.name} / {site.name}
              {site.isDefault ? " (default)" : ""}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
