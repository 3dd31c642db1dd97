/** Labelled form controls with hint and error text, wired for screen readers (aria-describedby). */
import type { ReactNode } from "react";

const CONTROL =
  "block h-8 w-full rounded-md border bg-white px-2.5 text-[13px] text-slate-900 shadow-sm placeholder:text-slate-400 focus:outline-none focus:ring-2 disabled:bg-slate-50 disabled:text-slate-500";
const CONTROL_OK = "border-slate-300 focus:border-sky-500 focus:ring-sky-500/25";
const CONTROL_ERROR = "border-red-400 focus:border-red-500 focus:ring-red-500/25";

/** Props for the <input>/<select> inside a Field: id, error state and the message it refers to. */
export function controlProps(id: string, error?: string) {
  return {
    id,
    className: `${CONTROL} ${error ? CONTROL_ERROR : CONTROL_OK}`,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : `${id}-hint`,
  };
}

function FieldMessage({ id, error, hint }: { id: string; error?: string; hint?: ReactNode }) {
  if (error) {
    return (
      <p id={`${id}-error`} className="text-xs text-red-600">
        {error}
      </p>
    );
  }
  return hint ? (
    <p id={`${id}-hint`} className="text-xs text-slate-500">
      {hint}
    </p>
  ) : null;
}

type FieldProps = { id: string; label: string; error?: string; hint?: ReactNode; className?: string; children: ReactNode };

export function Field({ id, label, error, hint, className = "", children }: FieldProps) {
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className="block text-[13px] font-medium text-slate-700">
        {label}
      </label>
      {children}
      <FieldMessage id={id} error={error} hint={hint} />
    </div>
  );
}

type CheckboxFieldProps = { id: string; name: string; label: string; hint?: ReactNode; error?: string; defaultChecked?: boolean };

export function CheckboxField({ id, name, label, hint, error, defaultChecked }: CheckboxFieldProps) {
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2">
        <input
          type="checkbox"
          id={id}
          name={name}
          defaultChecked={defaultChecked}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          className="size-4 rounded border-slate-300 accent-sky-600"
        />
        <label htmlFor={id} className="text-[13px] font-medium text-slate-700">
          {label}
        </label>
      </div>
      <FieldMessage id={id} error={error} hint={hint} />
    </div>
  );
}
