import { startDynamoDbLocal } from '../../lambda/src/local/dynamodb-local';

describe('startDynamoDbLocal', () => {
  it('tells the user, in both languages, that Java is missing', async () => {
    await expect(startDynamoDbLocal({ java: '/nonexistent/bin/java' })).rejects.toThrow(
      /未找到 Java.*Java not found.*Java 17/s,
    );
  });
});
