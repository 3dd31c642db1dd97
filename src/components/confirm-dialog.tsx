"use client";
/** Asks before a destructive or hard-to-undo action. */
import { useId, type ReactNode } from "react";
import { Button } from "./button";
import { Modal, ModalFooter } from "./modal";

type ConfirmDialogProps = {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** What the confirm button says while the action runs; "Working…" by default. */
  pendingLabel?: string;
  /** "danger" for actions that destroy or revoke; "primary" for ones that only change things. */
  tone?: "danger" | "primary";
  pending?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

export function ConfirmDialog({ open, title, children, confirmLabel, pendingLabel = "Working…", tone = "danger", pending = false, onConfirm, onCancel }: ConfirmDialogProps) {
  const titleId = useId();
  return (
    <Modal open={open} onClose={onCancel} labelledBy={titleId}>
      <div className="p-5">
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        {children ? <div className="mt-2 text-[13px] text-slate-600">{children}</div> : null}
      </div>
      <ModalFooter>
        <Button variant="secondary" onClick={onCancel} disabled={pending} autoFocus>
          Cancel
        </Button>
        <Button variant={tone} onClick={onConfirm} disabled={pending}>
          {pending ? pendingLabel : confirmLabel}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
