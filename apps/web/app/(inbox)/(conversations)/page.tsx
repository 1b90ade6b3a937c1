/** The list and the open thread come from the layout (components/inbox/inbox-split.tsx). */
export default function InboxPage() {
  return null;
}
