/** Versions waiting for a second admin, above the library so that they are not missed. */
import Link from "next/link";
import type { ScriptSummary } from "@/server/contracts/scripts";

export function PendingApprovals({ scripts }: { scripts: ScriptSummary[] }) {
  return (
    <section data-testid="pending-approvals" aria-label="Pending approvals" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-[13px] text-amber-900">
      <p className="font-medium">
        {scripts.length === 1 ? "1 script version awaits approval" : `${scripts.length} script versions await approval`} by an admin other than its author:
      </p>
      <ul className="mt-1 list-inside list-disc">
        {scripts.map((script) => (
          <li key={script.id}>
            <Link href={`/automation/scripts/${script.id}`} className="font-medium underline">
              {script.name}
            </Link>{" "}
            version {script.version} by {script.author}
          </li>
        ))}
      </ul>
    </section>
  );
}
