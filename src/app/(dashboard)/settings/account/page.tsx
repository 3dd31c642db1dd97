/** The signed-in user's own account (every role): change the password, set up or remove TOTP. */
import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requireSession } from "@/lib/session";
import { ChangePasswordForm } from "./change-password-form";
import { TotpSettings } from "./totp-settings";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const { caller } = await requireSession();
  const account = await caller.account.get();
  return (
    <section>
      <PageHeader title="Your account" description={`Signed in as ${account.username} with the ${account.role} role. Only an admin can change your role.`} />
      <div className="grid max-w-4xl items-start gap-5 md:grid-cols-2">
        <ChangePasswordForm />
        <TotpSettings totpEnabled={account.totpEnabled} />
      </div>
    </section>
  );
}
