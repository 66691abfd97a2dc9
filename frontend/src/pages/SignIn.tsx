import { useEffect, useState, type FormEvent } from "react";
import { api, type Me } from "../api";
import { useLanguage, useSession } from "../context";
import { ErrorMessage, asciiDigits, buttonClass, secondaryButtonClass, TextField } from "../ui";

// Phone → one-time code → signed in (the server sets the session cookie). Visitors and staff alike.
export function SignIn({ onDone }: { onDone?: (me: Me | null) => void }) {
  const { t } = useLanguage();
  const { refresh } = useSession();
  const [phone, setPhone] = useState("");
  const [channel, setChannel] = useState<"sms" | "whatsapp">("sms");
  const [sent, setSent] = useState<{ minutes: number; resendAt: number } | null>(null);
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    if (!sent) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [sent]);

  const requestCode = async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.requestOtp(asciiDigits(phone.trim()), channel);
      setSent({
        minutes: Math.round(answer.expiresInSeconds / 60),
        resendAt: Date.now() + answer.resendAfterSeconds * 1000,
      });
      setNow(Date.now());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const verify = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.verifyOtp(asciiDigits(phone.trim()), asciiDigits(code.trim()));
      // Not `onDone?.(await refresh())`: an absent onDone would skip the refresh too.
      const who = await refresh();
      onDone?.(who);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  if (!sent) {
    return (
      <form onSubmit={requestCode} className="mt-4" aria-labelledby="sign-in-title">
        <h2 id="sign-in-title" className="text-lg font-semibold">
          {t("signIn.title")}
        </h2>
        <TextField
          label={t("signIn.phone")}
          hint={t("signIn.phoneHint")}
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          required
          value={phone}
          onValue={setPhone}
        />
        <fieldset className="mt-3">
          <legend className="font-medium">{t("signIn.channel")}</legend>
          {(["sms", "whatsapp"] as const).map((c) => (
            <label key={c} className="mr-4 inline-flex items-center gap-2 py-1">
              <input
                type="radio"
                name="channel"
                value={c}
                checked={channel === c}
                onChange={() => setChannel(c)}
              />
              {t(c === "sms" ? "signIn.sms" : "signIn.whatsapp")}
            </label>
          ))}
        </fieldset>
        <ErrorMessage t={t} error={error} />
        <button type="submit" disabled={busy || !phone.trim()} className={buttonClass}>
          {t("signIn.send")}
        </button>
      </form>
    );
  }

  const wait = Math.max(0, Math.ceil((sent.resendAt - now) / 1000));
  return (
    <form onSubmit={verify} className="mt-4" aria-labelledby="code-title">
      <h2 id="code-title" className="text-lg font-semibold">
        {t("signIn.title")}
      </h2>
      <p className="mt-2" role="status">
        {t("signIn.sent", { phone, m: sent.minutes })}
      </p>
      <TextField
        label={t("signIn.code")}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9०-९]{6}"
        maxLength={6}
        required
        autoFocus
        value={code}
        onValue={setCode}
        className="tracking-widest"
      />
      <ErrorMessage t={t} error={error} />
      <div className="flex flex-wrap gap-3">
        <button
          type="submit"
          disabled={busy || asciiDigits(code.trim()).length < 6}
          className={buttonClass}
        >
          {t("signIn.verify")}
        </button>
        <button
          type="button"
          disabled={busy || wait > 0}
          onClick={() => void requestCode()}
          className={secondaryButtonClass}
        >
          {wait > 0 ? t("signIn.resendIn", { n: wait }) : t("signIn.resend")}
        </button>
        <button
          type="button"
          onClick={() => {
            setSent(null);
            setCode("");
            setError(null);
          }}
          className={secondaryButtonClass}
        >
          {t("signIn.otherNumber")}
        </button>
      </div>
    </form>
  );
}
