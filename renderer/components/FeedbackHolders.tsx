// The holders of message, notification and modal (antd's own hooks, as its <App> calls
// them), in their own chunk: Feedback.tsx mounts them after the first screen.
import useMessage from 'antd/es/message/useMessage';
import useModal from 'antd/es/modal/useModal';
import useNotification from 'antd/es/notification/useNotification';
import type { useAppProps as AppApis } from 'antd/es/app/context';
import { useEffect, useMemo } from 'react';

export interface FeedbackHoldersProps {
  onReady: (apis: AppApis) => void;
}

export default function FeedbackHolders({ onReady }: FeedbackHoldersProps) {
  const [message, messageHolder] = useMessage();
  const [notification, notificationHolder] = useNotification();
  const [modal, modalHolder] = useModal();
  const apis = useMemo(() => ({ message, notification, modal }), [message, notification, modal]);
  useEffect(() => onReady(apis), [apis, onReady]);
  return (
    <>
      {modalHolder}
      {messageHolder}
      {notificationHolder}
    </>
  );
}
