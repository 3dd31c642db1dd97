/** notFound() inside the dashboard (an unknown device): the 404 keeps the header and navigation. */
import { NotFoundPanel } from "@/components/not-found-panel";

export default function DashboardNotFound() {
  return <NotFoundPanel />;
}
