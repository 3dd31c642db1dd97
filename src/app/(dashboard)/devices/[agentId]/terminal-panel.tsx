"use client";
/**
 * The device's shell in an xterm.js terminal: it fills the panel and refits (and the remote
 * terminal with it) when the panel resizes, keeps 5,000 lines of scrollback, copies and pastes
 * (Ctrl+Shift+C / Ctrl+Shift+V, or the buttons), shows whether the stream is live, and resumes
 * after a dropped connection. Shells on pipes (Windows, or Linux without `script`) get their line
 * edited and echoed here (pipe-line-editor.ts).
 */
import "@xterm/xterm/css/xterm.css";
import type { Terminal } from "@xterm/xterm";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { EmptyState } from "@/components/empty-state";
import { PipeLineEditor } from "@/lib/pipe-line-editor";
import { openShellConnection, type ShellConnection, type ShellState } from "@/lib/shell-connection";

const STATE_LABEL: Record<ShellState, { text: string; dot: string }> = {
  connecting: { text: "Connecting…", dot: "bg-amber-400" },
  connected: { text: "Connected", dot: "bg-emerald-500" },
  reconnecting: { text: "Reconnecting…", dot: "bg-amber-400" },
  ended: { text: "Session ended", dot: "bg-slate-400" },
  failed: { text: "Not connected", dot: "bg-red-500" },
};

type TerminalPanelProps = { agentId: string; deviceName: string; online: boolean };

export function TerminalPanel({ agentId, deviceName, online }: TerminalPanelProps) {
  const host = useRef<HTMLDivElement>(null);
  const [term, setTerm] = useState<Terminal | null>(null);
  const [state, setState] = useState<ShellState>("connecting");
  const [message, setMessage] = useState<string | undefined>();
  const [shell, setShell] = useState<string | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  // The terminal itself: created once, loaded only in the browser (xterm.js needs a DOM).
  useEffect(() => {
    if (!online || !host.current) return;
    const element = host.current;
    let disposed = false;
    let cleanup = () => {};
    void (async () => {
      const [{ Terminal }, { FitAddon }] = await Promise.all([import("@xterm/xterm"), import("@xterm/addon-fit")]);
      if (disposed) return;
      const terminal = new Terminal({
        scrollback: 5_000,
        cursorBlink: true,
        fontSize: 13,
        fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace",
        theme: { background: "#0f172a", foreground: "#e2e8f0", cursor: "#38bdf8", selectionBackground: "#334155" },
      });
      const fit = new FitAddon();
      terminal.loadAddon(fit);
      terminal.open(element);
      fit.fit();
      terminal.attachCustomKeyEventHandler((event) => {
        if (event.type !== "keydown" || !event.ctrlKey || !event.shiftKey) return true;
        if (event.code === "KeyC") void copySelection(terminal);
        else if (event.code === "KeyV") void pasteInto(terminal);
        else return true;
        event.preventDefault();
        return false;
      });
      const observer = new ResizeObserver(() => fit.fit());
      observer.observe(element);
      cleanup = () => {
        observer.disconnect();
        terminal.dispose();
      };
      setTerm(terminal);
      terminal.focus();
    })();
    return () => {
      disposed = true;
      cleanup();
      setTerm(null);
    };
  }, [online]);

  // The connection: again for "New session" / "Reconnect", into the same terminal.
  useEffect(() => {
    if (!term) return;
    let editor: PipeLineEditor | null = null;
    setInputError(null);
    const connection: ShellConnection = openShellConnection({
      agentId,
      cols: term.cols,
      rows: term.rows,
      onOutput: (text) => term.write(text),
      onState: (next, why) => {
        setState(next);
        setMessage(why);
        if (next === "ended") term.write(`\r\n\x1b[2m[${why ?? "the session ended"}]\x1b[0m\r\n`);
      },
      onSession: (description) => {
        setShell(description);
        // On pipes, nothing on the other side turns \n into \r\n, echoes or edits.
        const piped = description.includes("(pipes");
        term.options.convertEol = piped;
        editor = piped ? new PipeLineEditor() : null;
      },
      onInputError: setInputError,
    });
    const resizing = term.onResize(({ cols, rows }) => connection.resize(cols, rows));
    const typing = term.onData((data) => {
      if (!editor) return connection.send(data);
      const { echo, send } = editor.feed(data);
      if (echo) term.write(echo);
      if (send) connection.send(send);
    });
    return () => {
      resizing.dispose();
      typing.dispose();
      connection.close();
    };
  }, [term, agentId, generation]);

  if (!online) {
    return (
      <EmptyState title="The device is offline">
        <p>A shell can be opened on {deviceName} once its agent reconnects.</p>
      </EmptyState>
    );
  }

  const label = STATE_LABEL[state];
  const over = state === "ended" || state === "failed";
  return (
    <section aria-labelledby="terminal-title" className="mt-6">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="terminal-title" className="text-sm font-semibold text-slate-900">
            Terminal
          </h2>
          <p className="text-xs text-slate-500">
            {shell ?? "The device's shell"} · everything typed and shown is recorded in the audit log · Ctrl+Shift+C / Ctrl+Shift+V to copy and paste
          </p>
        </div>
        <div className="flex items-center gap-2">
          <span role="status" aria-live="polite" data-testid="terminal-status" data-state={state} className="inline-flex items-center gap-1.5 text-xs text-slate-600">
            <span aria-hidden className={`size-2 rounded-full ${label.dot}`} />
            {label.text}
          </span>
          <Button variant="secondary" size="sm" onClick={() => term && void copySelection(term)} disabled={!term}>
            Copy
          </Button>
          <Button variant="secondary" size="sm" onClick={() => term && void pasteInto(term)} disabled={!term || over}>
            Paste
          </Button>
          {over ? (
            <Button size="sm" onClick={() => setGeneration((n) => n + 1)}>
              {state === "ended" ? "New session" : "Reconnect"}
            </Button>
          ) : null}
        </div>
      </div>
      {state === "failed" && message ? (
        <div className="mb-3">
          <Alert tone="error">{message}</Alert>
        </div>
      ) : null}
      {inputError ? (
        <div className="mb-3">
          <Alert tone="error">{inputError}</Alert>
        </div>
      ) : null}
      <div className="h-[28rem] min-h-64 resize-y overflow-hidden rounded-lg border border-slate-800 bg-[#0f172a] p-2">
        <div ref={host} data-testid="terminal" className="size-full" />
      </div>
    </section>
  );
}

async function copySelection(terminal: Terminal) {
  const selection = terminal.getSelection();
  if (selection) await navigator.clipboard?.writeText(selection).catch(() => {});
  terminal.focus();
}

async function pasteInto(terminal: Terminal) {
  const text = await navigator.clipboard?.readText().catch(() => "");
  if (text) terminal.paste(text);
  terminal.focus();
}
