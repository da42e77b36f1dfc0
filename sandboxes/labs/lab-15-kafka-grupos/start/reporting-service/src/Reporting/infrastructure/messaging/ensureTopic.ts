import type { Kafka } from 'kafkajs';

/**
 * Crea el tópico con sus particiones si aún no existe. Quien arranque primero (orders o reporting)
 * lo crea; si no, el primer consumidor lo crearía por autocreación con las particiones por defecto
 * del broker (num.partitions, 1), y un grupo no puede repartirse una sola partición.
 */
export async function ensureTopic(kafka: Kafka, topic: string, numPartitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions }] });
  } finally {
    await admin.disconnect();
  }
}
