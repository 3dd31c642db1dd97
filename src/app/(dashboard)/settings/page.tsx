import { redirect } from "next/navigation";

/** /settings has no page of its own: groups is the one every role can open. */
export default function SettingsIndex() {
  redirect("/settings/groups");
}
