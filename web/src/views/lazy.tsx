/**
 * A view fetched the first time it is shown, so that the phone's first load carries only what a
 * phone shows. On a bad connection the fetch can fail: the view then says so, and offers to try
 * again, instead of leaving an empty page.
 */
import { signal } from "@preact/signals";
import type { ComponentType, JSX } from "preact";
import { t } from "../i18n";

export function lazy<P extends object>(
  load: () => Promise<ComponentType<P>>,
): (props: P) => JSX.Element {
  const view = signal<ComponentType<P> | null>(null);
  const failed = signal(false);
  let pending: Promise<void> | null = null;

  function fetchView(): void {
    failed.value = false;
    pending ??= load().then(
      (loaded) => {
        view.value = loaded;
      },
      () => {
        pending = null;
        failed.value = true;
      },
    );
  }

  return function Lazy(props: P) {
    const View = view.value;
    if (View) return <View {...props} />;
    if (failed.value) {
      return (
        <p role="alert" data-testid="lazy-failed">
          {t("lazy.failed")}{" "}
          <button type="button" onClick={fetchView}>
            {t("lazy.retry")}
          </button>
        </p>
      );
    }
    if (!pending) queueMicrotask(fetchView);
    return (
      <p class="muted" aria-busy="true">
        {t("lazy.loading")}
      </p>
    );
  };
}
