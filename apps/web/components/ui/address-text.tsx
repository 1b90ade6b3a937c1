import { Fragment } from 'react';

/**
 * The whole address on one line while that leaves it at least 1.5rem; else wrapped at the <wbr>s, each piece
 * on its line at up to 1.5rem; never below 1rem.
 */
const FIT =
  'text-[length:max(1rem,min(var(--address-max),100cqi/(var(--address-chars)*0.62)),min(1.5rem,100cqi/(var(--address-piece)*0.62)))]';
/** A domain longer than this could not stay whole on a phone's line even at 1rem: it may wrap after its dots. */
const LONG_DOMAIN = 30;

/**
 * An address shown large (the welcome screen). It wraps only after the "*", never inside the number or
 * the domain ("97299750*localhos" / "t"), and shrinks to fit: the whole address on one line where it can
 * be, else the number and the domain each on its line (a container query: 100cqi is the box's inner width;
 * a monospace character is about 0.6em wide). Only a domain too long for any line wraps after its dots.
 * `maxRem` is the size when there is room.
 */
export function AddressText({
  address,
  maxRem,
  className = '',
  ...rest
}: { address: string; maxRem: number; className?: string } & Record<`data-${string}`, string>) {
  const star = address.indexOf('*');
  const number = star < 0 ? '' : address.slice(0, star + 1);
  const domain = star < 0 ? address : address.slice(star + 1);
  const labels = domain.length > LONG_DOMAIN ? domain.split(/(?<=\.)/) : [domain];
  const longest = Math.max(number.length, ...labels.map((label) => label.length), 1);
  // The lengths go in as custom properties set through the DOM: the CSP allows no style attributes.
  const sizes = (element: HTMLElement | null) => {
    element?.style.setProperty('--address-max', `${maxRem}rem`);
    element?.style.setProperty('--address-chars', String(address.length));
    element?.style.setProperty('--address-piece', String(longest));
  };
  return (
    <span className="block @container">
      {/* Digits, letters, "*" and "." offer no break of their own: the <wbr>s are the only places to wrap
          (overflow-wrap breaks inside a piece only when even 1rem cannot fit it on a line). */}
      <span ref={sizes} dir="ltr" className={`block font-mono wrap-break-word ${FIT} ${className}`} {...rest}>
        {number ? <span data-address-part>{number}</span> : null}
        {labels.map((label, index) => (
          <Fragment key={index}>
            {number || index > 0 ? <wbr /> : null}
            <span data-address-part>{label}</span>
          </Fragment>
        ))}
      </span>
    </span>
  );
}
