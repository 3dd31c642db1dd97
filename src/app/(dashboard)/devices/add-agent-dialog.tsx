"use client";
/**
 * "Add agent": how to install the agent on a machine: a one-line install from a deployment link
 * (installs the service, enrolls into the chosen site), or a package to download per platform.
 * Each download embeds a fresh enrollment token (DOWNLOAD_TOKEN_POLICY), so the dialog says how
 * long and how often a package can be used.
 */
import Link from "next/link";
import { useId, useState, type ReactNode } from "react";
import { Button, buttonClass, type ButtonVariant } from "@/components/button";
import { controlProps } from "@/components/field";
import { Modal, ModalFooter } from "@/components/modal";
import { SiteSelect } from "@/components/site-select";
import type { TenantOption } from "@/components/tenant-options";
import { formatTimestamp } from "@/lib/format-time";
import { DOWNLOAD_TOKEN_POLICY } from "@/server/contracts/enrollment";
import { InstallLinkPanel } from "./install-link-panel";

const LINUX_COMMANDS = "unzip rmm-agent-linux.zip -d rmm-agent\ncd rmm-agent\n./run-agent.sh";

const DOWNLOADS = [
  { platform: "windows", label: "Download for Windows", run: <>Unzip it and run <Code>run-agent.bat</Code> (double-click it, or start it from a command prompt).</> },
  {
    platform: "linux",
    label: "Download for Linux",
    run: (
      <>
        Unzip it and start <Code>./run-agent.sh</Code> in the unzipped folder:
        <pre className="mt-1 overflow-x-auto rounded-md bg-slate-900 px-2.5 py-1.5 font-mono text-[12px] leading-5 text-slate-100">{LINUX_COMMANDS}</pre>
      </>
    ),
  },
] as const;

function Code({ children }: { children: ReactNode }) {
  return <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[12px] text-slate-800">{children}</code>;
}

function Step({ number, title, children }: { number: number; title: string; children: ReactNode }) {
  return (
    <li className="grid grid-cols-[1.5rem_1fr] gap-x-2">
      <span aria-hidden className="grid size-6 place-items-center rounded-full bg-sky-100 text-xs font-semibold text-sky-700">
        {number}
      </span>
      <div className="min-w-0 pt-0.5">
        <h3 className="text-[13px] font-medium text-slate-900">{title}</h3>
        <div className="mt-1 text-[13px] text-slate-600">{children}</div>
      </div>
    </li>
  );
}

function DownloadIcon() {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round">
      <path d="M8 2.5v8M4.5 7L8 10.5 11.5 7M3 13.5h10" />
    </svg>
  );
}

export function AddAgentButton({ clients, label = "Add agent", variant = "primary" }: { clients: TenantOption[]; label?: string; variant?: ButtonVariant }) {
  const [expiresAt, setExpiresAt] = useState<string | null>(null);
  const [siteId, setSiteId] = useState<number | "">("");
  const titleId = useId();

  // The expiry is computed when the dialog opens: close enough to the moment of the download.
  const open = () => setExpiresAt(new Date(Date.now() + DOWNLOAD_TOKEN_POLICY.ttlHours * 3_600_000).toISOString());
  const close = () => setExpiresAt(null);

  return (
    <>
      <Button variant={variant} onClick={open}>
        <svg aria-hidden viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round">
          <path d="M8 3v10M3 8h10" />
        </svg>
        {label}
      </Button>
      <Modal open={expiresAt !== null} onClose={close} labelledBy={titleId} className="max-w-xl">
        <div className="p-5">
          <h2 id={titleId} className="text-base font-semibold">
            Add an agent
          </h2>
          <p className="mt-1 text-[13px] text-slate-600">
            Install the agent on each Windows or Linux machine you want to manage. It connects to this server, enrols itself and appears in the device list within seconds.
          </p>
          <section className="mt-4 rounded-md border border-slate-200 p-3" aria-label="Install with one command">
            <h3 className="text-[13px] font-medium text-slate-900">Install with one command</h3>
            <p className="mt-0.5 mb-2 text-[13px] text-slate-600">Pick where the machine belongs; paste the command on it. The agent installs as a service and appears below.</p>
            <InstallLinkPanel clients={clients} />
          </section>
          <p className="mt-4 text-[13px] font-medium text-slate-700">Or try it without installing a service:</p>
          <ol className="mt-2 space-y-4">
            <Step number={1} title="Choose where the machine belongs, and download the package for its system">
              <label htmlFor="add-agent-site" className="sr-only">
                Site
              </label>
              <div className="mb-2 max-w-sm">
                <SiteSelect clients={clients} value={siteId} onChange={setSiteId} emptyLabel="The default site" {...controlProps("add-agent-site")} />
              </div>
              <div className="flex flex-wrap gap-2">
                {/* POST: every download mints an enrollment token, which a GET from elsewhere must not do. */}
                {DOWNLOADS.map((download) => (
                  <form key={download.platform} method="post" action={`/agent/download?platform=${download.platform}${siteId === "" ? "" : `&siteId=${siteId}`}`}>
                    <button type="submit" className={buttonClass("secondary")}>
                      <DownloadIcon />
                      {download.label}
                    </button>
                  </form>
                ))}
              </div>
            </Step>
            <Step number={2} title="Copy the ZIP to the machine and start the agent">
              <dl className="space-y-1.5">
                {DOWNLOADS.map((download) => (
                  <div key={download.platform} className="grid grid-cols-[4.5rem_1fr] gap-2">
                    <dt className="font-medium text-slate-700">{download.platform === "windows" ? "Windows" : "Linux"}</dt>
                    <dd className="min-w-0 break-words">{download.run}</dd>
                  </div>
                ))}
              </dl>
              <p className="mt-1.5 text-xs text-slate-500">The machine must be able to reach this server. The agent keeps running in that window; it reconnects by itself after network outages.</p>
            </Step>
            <Step number={3} title="Watch it appear">
              The device shows up in the list as <span className="font-medium text-emerald-700">Online</span> — this page updates by itself.
            </Step>
          </ol>
          <div className="mt-5 rounded-md border border-amber-200 bg-amber-50 px-3 py-2.5 text-[13px] text-amber-900">
            <p data-testid="download-token-policy">
              Each download contains a new enrollment token, valid until <strong className="font-semibold">{expiresAt ? formatTimestamp(expiresAt, undefined, { seconds: false }) : ""}</strong> for up to{" "}
              <strong className="font-semibold">{DOWNLOAD_TOKEN_POLICY.maxUses} installations</strong>.
            </p>
            <p className="mt-1 text-xs text-amber-800">
              Treat the package like a password: anyone who has it can add machines until then. Tokens can be reviewed and revoked under{" "}
              <Link href="/settings/enrollment" className="font-medium underline hover:text-amber-950">
                Enrollment
              </Link>
              .
            </p>
          </div>
        </div>
        <ModalFooter>
          <Button variant="secondary" onClick={close} autoFocus>
            Close
          </Button>
        </ModalFooter>
      </Modal>
    </>
  );
}

/** What viewers see instead: the same button, disabled, saying why. */
export function AddAgentUnavailable() {
  const hintId = useId();
  return (
    <span title="Adding agents needs the operator role" className="inline-flex">
      <Button disabled aria-describedby={hintId}>
        Add agent
      </Button>
      <span id={hintId} className="sr-only">
        Adding agents needs the operator role.
      </span>
    </span>
  );
}
