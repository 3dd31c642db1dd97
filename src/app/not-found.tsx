/** Addresses that match no page at all; rendered without the dashboard layout. */
import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/not-found-panel";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main className="px-4 py-10">
      <NotFoundPanel />
    </main>
  );
}
