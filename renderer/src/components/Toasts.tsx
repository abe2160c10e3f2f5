import { useToasts } from '../stores/toasts';

export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className="toasts" aria-live="polite" role="status">
      {toasts.map((x) => (
        <div key={x.id} className={`toast toast-${x.kind}`} data-testid="toast" data-kind={x.kind}>
          <span>{x.text}</span>
          <button type="button" className="icon-btn" aria-label="关闭提示" onClick={() => dismiss(x.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
