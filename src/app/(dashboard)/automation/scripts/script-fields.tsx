/** The language choice and the monospace editor, shared by the create form and the script page. */
import { controlProps, Field } from "@/components/field";
import { SCRIPT_LANGUAGES, type ScriptSummary } from "@/server/contracts/scripts";
import { LANGUAGE_LABELS } from "./script-labels";

const EDITOR =
  "block w-full rounded-md border border-slate-300 bg-slate-950 p-3 font-mono text-[12px] leading-5 text-slate-100 shadow-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-500/25";

export function LanguageField({ id, error, defaultValue = "powershell", disabled }: { id: string; error?: string; defaultValue?: ScriptSummary["language"]; disabled?: boolean }) {
  return (
    <Field id={id} label="Language" error={error} hint="PowerShell and cmd run on Windows, bash on Linux, Python on both.">
      <select name="language" defaultValue={defaultValue} disabled={disabled} {...controlProps(id, error)}>
        {SCRIPT_LANGUAGES.map((language) => (
          <option key={language} value={language}>
            {LANGUAGE_LABELS[language]}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function ContentField({ id, error, defaultValue, readOnly, rows = 14 }: { id: string; error?: string; defaultValue?: string; readOnly?: boolean; rows?: number }) {
  return (
    <Field id={id} label="Content" error={error}>
      <textarea
        id={id}
        name="content"
        rows={rows}
        spellCheck={false}
        wrap="off"
        defaultValue={defaultValue}
        readOnly={readOnly}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={EDITOR}
      />
    </Field>
  );
}
