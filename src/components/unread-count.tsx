/** The number of unread chat messages of a device: on the device list's name and the device's Chat tab. */
export function UnreadCount({ count }: { count: number }) {
  return (
    <span data-testid="chat-unread" title={`${count} unread chat ${count === 1 ? "message" : "messages"}`} className="ml-1.5 inline-flex min-w-4 items-center justify-center rounded-full bg-sky-600 px-1 text-[10px] leading-4 font-semibold text-white">
      {count}
      <span className="sr-only"> unread</span>
    </span>
  );
}
