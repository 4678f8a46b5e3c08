import Link from 'next/link';

/** The product mark: the favicon's cross (app/icon.svg) and the product's name. */
export function ProductMark() {
  return (
    <Link
      href="/"
      className="flex shrink-0 items-center gap-2 rounded-md text-lg font-semibold tracking-tight text-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
    >
      <svg aria-hidden viewBox="0 0 32 32" className="h-7 w-7">
        <rect width="32" height="32" rx="7" fill="#0f6f73" />
        <path d="M13 7h6v6h6v6h-6v6h-6v-6H7v-6h6z" fill="#fff" />
      </svg>
      Clinic
    </Link>
  );
}
