"use client";
/**
 * A modal dialog on the native <dialog>: focus trapping, Escape to close and an inert page behind
 * it without any library. The parent owns `open`; Escape reports through `onClose`.
 */
import { useEffect, useRef, type ReactNode } from "react";

type ModalProps = { open: boolean; onClose: () => void; labelledBy: string; className?: string; children: ReactNode };

export function Modal({ open, onClose, labelledBy, className = "max-w-md", children }: ModalProps) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      // Escape closes the dialog natively; report it so the parent's state follows.
      onClose={() => open && onClose()}
      aria-labelledby={labelledBy}
      className={`m-auto w-full rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40 ${className}`}
    >
      {children}
    </dialog>
  );
}

/** The grey strip at the bottom of a dialog that holds its buttons. */
export function ModalFooter({ children }: { children: ReactNode }) {
  return <div className="flex justify-end gap-2 rounded-b-lg border-t border-slate-200 bg-slate-50 px-5 py-3">{children}</div>;
}
