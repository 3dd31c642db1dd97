/** An agent's connection state: green dot when online, grey when offline. */
import { Badge } from "./badge";

export function StatusBadge({ online, testId }: { online: boolean; testId?: string }) {
  const badge = (
    <Badge tone={online ? "success" : "neutral"} dot>
      {online ? "Online" : "Offline"}
    </Badge>
  );
  return testId ? <span data-testid={testId}>{badge}</span> : badge;
}
