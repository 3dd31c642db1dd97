/** An agent's connection state: green dot when online, grey when offline. */
import { Badge } from "./badge";

export function StatusBadge({ online }: { online: boolean }) {
  return (
    <Badge tone={online ? "success" : "neutral"} dot>
      {online ? "Online" : "Offline"}
    </Badge>
  );
}
