/** The thread is chosen by the layout from the address (components/inbox/inbox-split.tsx), so switching conversations needs no server round trip. */
export default function ConversationPage() {
  return null;
}
