import { useEffect, useRef, useState } from 'react';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { useStocktake } from './store';

/**
 * 拍照识别: a picture from a file (a phone opens its camera through `capture`) or a frame from
 * the webcam, when the PC has one; the core decodes the labels in it.
 */
export function PhotoCapture({ onDone }: { onDone: () => void }) {
  const photo = useStocktake((s) => s.photo);
  const file = useRef<HTMLInputElement>(null);
  const [hasCamera, setHasCamera] = useState(false);
  const [camera, setCamera] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void navigator.mediaDevices
      ?.enumerateDevices?.()
      .then((ds) => setHasCamera(ds.some((d) => d.kind === 'videoinput')))
      .catch(() => setHasCamera(false));
  }, []);

  const send = async (blob: Blob, name: string) => {
    setBusy(true);
    await photo(blob, name);
    setBusy(false);
    onDone();
  };

  return (
    <>
      <button
        type="button"
        className="btn-flat"
        disabled={busy}
        onClick={() => file.current?.click()}
        data-testid="stocktake-photo"
      >
        {busy ? t('stocktake.decoding') : t('stocktake.photo')}
      </button>
      <input
        ref={file}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        data-testid="stocktake-photo-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void send(f, f.name);
        }}
      />
      {hasCamera && (
        <button type="button" className="btn-flat" onClick={() => setCamera(true)} data-testid="stocktake-webcam">
          {t('stocktake.webcam')}
        </button>
      )}
      {camera && (
        <Webcam
          onClose={() => {
            setCamera(false);
            onDone();
          }}
          onShot={(blob) => {
            setCamera(false);
            void send(blob, 'webcam.png');
          }}
        />
      )}
    </>
  );
}

function Webcam({ onClose, onShot }: { onClose: () => void; onShot: (b: Blob) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stream: MediaStream | null = null;
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1920 } } })
      .then((s) => {
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play();
        }
      })
      .catch(() => setError(t('stocktake.webcamFailed')));
    return () => stream?.getTracks().forEach((tr) => tr.stop());
  }, []);
  const shoot = () => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob((b) => b && onShot(b), 'image/png');
  };
  return (
    <Modal
      title={t('stocktake.webcam')}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn-primary" onClick={shoot} disabled={!!error} autoFocus>
            {t('stocktake.shoot')}
          </button>
          <button type="button" className="btn-flat" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      {error ? <p className="form-error">{error}</p> : <video ref={video} className="stk-video" muted playsInline />}
    </Modal>
  );
}
