import { useRef, type InputHTMLAttributes, type ReactNode } from "react";
import { ApiError, newKey } from "./api";
import type { Translate } from "./i18n";

// Small pieces every page uses: the text of a failed call, and labelled form fields.

/** What to tell the user about a failed call (a 429 says when to retry). */
export function errorText(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429 || error.type === "rate-limited") {
      return t("error.retryIn", { n: error.retryAfterSeconds ?? 60 });
    }
    switch (error.type) {
      case "otp-invalid":
        return t("error.otpInvalid");
      case "slot-full":
        return t("error.slotFull");
      case "registration-closed":
        return t("error.closed");
      case "already-admitted":
        return t("error.alreadyAdmitted");
      case "validation":
        return t("error.validation", { detail: validationDetail(error) });
      case "try-again":
        return t("error.tryAgain");
      case "unauthorized":
        return t("error.signIn");
      case "forbidden":
        return t("error.forbidden");
      case "not-found":
        return t("error.notFound");
    }
    if (error.status === 503) return t("error.tryAgain");
    return t("error.generic", { detail: error.detail });
  }
  if (
    error instanceof TypeError ||
    (error instanceof DOMException && error.name === "AbortError")
  ) {
    return t("error.network");
  }
  return t("error.generic", { detail: String((error as Error)?.message ?? error) });
}

function validationDetail(error: ApiError): string {
  const errors = error.body.errors;
  if (errors && typeof errors === "object") {
    return Object.values(errors as Record<string, string>).join("; ");
  }
  return error.detail;
}

export function ErrorMessage({ t, error }: { t: Translate; error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="mt-2 rounded bg-red-50 p-2 text-red-800">
      {errorText(t, error)}
    </p>
  );
}

export function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <label className="mt-3 block">
      <span className="block font-medium">{label}</span>
      {children}
      {hint && <span className="block text-sm text-slate-600">{hint}</span>}
    </label>
  );
}

export const inputClass =
  "mt-1 block w-full rounded border border-slate-500 px-3 py-2 text-lg focus:outline-none focus:ring-2 focus:ring-blue-600";
export const buttonClass =
  "mt-4 inline-block rounded bg-blue-700 px-4 py-2 text-lg font-semibold text-white hover:bg-blue-800 focus:outline-none focus:ring-2 focus:ring-blue-400 disabled:bg-slate-400";
export const secondaryButtonClass =
  "mt-4 inline-block rounded border border-slate-500 px-4 py-2 text-slate-900 hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-600";

/** Devanagari digits (०-९), as a Hindi keyboard types them, to ASCII ones. */
export function asciiDigits(text: string): string {
  return text.replace(/[०-९]/g, (d) => String(d.charCodeAt(0) - 0x0966));
}

/** A labelled input: the field, its label and hint, and the value as text. */
export function TextField({
  label,
  hint,
  onValue,
  className = "",
  ...input
}: {
  label: string;
  hint?: string;
  onValue: (value: string) => void;
  className?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "onChange" | "className">) {
  return (
    <Field label={label} hint={hint}>
      <input
        {...input}
        onChange={(e) => onValue(e.target.value)}
        className={inputClass + " " + className}
      />
    </Field>
  );
}

/** The event to work on, when there is more than one. */
export function EventSelect({
  label,
  events,
  value,
  onValue,
  className,
}: {
  label: string;
  events: { slug: string; name: string }[];
  value: string;
  onValue: (slug: string) => void;
  className: string;
}) {
  if (events.length < 2) return null;
  return (
    <label className={className}>
      <span className="block font-medium">{label}</span>
      <select value={value} onChange={(e) => onValue(e.target.value)} className={inputClass}>
        {events.map((e) => (
          <option key={e.slug} value={e.slug}>
            {e.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * One Idempotency-Key per filled-in form: sending the same form again (after a lost answer)
 * reuses it, so the server acts once; a changed form gets a new one.
 */
export function useFormKey() {
  const last = useRef<{ body: string; key: string } | null>(null);
  return {
    keyFor(body: unknown): string {
      const text = JSON.stringify(body);
      if (last.current?.body !== text) last.current = { body: text, key: newKey() };
      return last.current.key;
    },
    reset() {
      last.current = null;
    },
  };
}
