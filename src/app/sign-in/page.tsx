import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getRequestContext } from "@/server/http/server-caller";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if ((await getRequestContext()).actor) redirect("/devices");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to RMM</h1>
        <p className="mb-6 mt-1 text-sm text-slate-500">Remote monitoring and management</p>
        <SignInForm />
      </div>
    </main>
  );
}
