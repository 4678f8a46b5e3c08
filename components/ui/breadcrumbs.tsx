import Link from 'next/link';

/**
 * The trail above a nested page: each ancestor a link, the page itself last (aria-current). The
 * page's own label must carry no PHI (a record is named by its MRN).
 */
export function Breadcrumbs({
  trail,
  current,
}: {
  trail: { href: string; label: string }[];
  current: string;
}) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <ol className="flex flex-wrap items-center gap-y-1">
        {trail.map((crumb) => (
          <li key={crumb.href} className="flex items-center">
            <Link
              href={crumb.href}
              className="rounded-sm text-brand-700 underline underline-offset-2 hover:text-brand-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
            >
              {crumb.label}
            </Link>
            <span aria-hidden className="px-1.5 text-slate-400">
              /
            </span>
          </li>
        ))}
        <li aria-current="page" className="text-slate-600">
          {current}
        </li>
      </ol>
    </nav>
  );
}
