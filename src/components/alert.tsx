/** A one-line outcome message under a form: what failed, or what was done. */
import type { ReactNode } from "react";

const TONES = {
  error: "border-red-200 bg-red-50 text-red-800",
  success: "border-emerald-200 bg-emerald-50 text-emerald-800",
  info: "border-sky-200 bg-sky-50 text-sky-800",
} as const;

export function Alert({ tone, children }: { tone: keyof typeof TONES; children: ReactNode }) {
  // Errors interrupt (role=alert); confirmations are announced politely (role=status).
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-md border px-3 py-2 text-[13px] ${TONES[tone]}`}>
      {children}
    </div>
  );
}
