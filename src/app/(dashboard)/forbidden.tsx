/** forbidden() inside the dashboard (a page above the user's role): a 403 that keeps the header and names the role needed. */
import { Forbidden } from "@/components/forbidden";
import { pageRefusal } from "@/lib/session";

export default function DashboardForbidden() {
  return <Forbidden {...pageRefusal()} />;
}
