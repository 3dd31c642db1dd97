/** The sign-in page: the only page a signed-out visitor can see. */
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { BrandMark } from "@/components/brand-mark";
import { getRequestContext } from "@/server/http/server-caller";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if ((await getRequestContext()).actor) redirect("/devices");
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-slate-100 to-slate-50 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2.5">
          <BrandMark className="size-8 text-sm" />
          <span className="text-lg font-semibold tracking-tight text-slate-900">RMM</span>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-7 shadow-sm">
          <h1 className="text-base font-semibold text-slate-900">Sign in to your console</h1>
          <p className="mt-1 mb-5 text-[13px] text-slate-500">Remote monitoring and management</p>
          <SignInForm />
        </div>
        <p className="mt-6 text-center text-xs text-slate-400">Access is restricted to authorised technicians. Sign-ins are recorded in the audit log.</p>
      </div>
    </main>
  );
}
