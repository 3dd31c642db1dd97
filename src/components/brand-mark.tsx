/** The product's small logo square, shared by the header and the sign-in page. */
export function BrandMark({ className = "" }: { className?: string }) {
  return (
    <span aria-hidden className={`grid size-6 place-items-center rounded-md bg-sky-600 text-[11px] font-bold text-white ${className}`}>
      R
    </span>
  );
}
