import { avatarColourIndex, initials } from '@/lib/avatar';

/** One class per palette entry, written out so Tailwind finds them (tokens in app/globals.css). */
const PALETTE = [
  'bg-avatar-0',
  'bg-avatar-1',
  'bg-avatar-2',
  'bg-avatar-3',
  'bg-avatar-4',
  'bg-avatar-5',
  'bg-avatar-6',
  'bg-avatar-7',
] as const;

const SIZES = { sm: 'size-8 text-xs', md: 'size-10 text-sm' } as const;

/** The contact's initials on a colour taken from their address. Decorative: the name is always written beside it. */
export function Avatar({ name, address, size = 'md' }: { name: string; address: string; size?: keyof typeof SIZES }) {
  const colour = avatarColourIndex(address);
  return (
    <span
      aria-hidden
      data-testid="avatar"
      data-colour={colour}
      className={`flex shrink-0 items-center justify-center rounded-full font-semibold text-white select-none ${SIZES[size]} ${PALETTE[colour % PALETTE.length]}`}
    >
      {initials(name)}
    </span>
  );
}
