import { Injectable } from '@nestjs/common';

export type Item = Record<string, unknown> & { id: number };

@Injectable()
export class AppService {
  private readonly items: Map<string, Item>;

  constructor() {
    const item = JSON.parse(process.env.ITEM_JSON ?? '{"id":1}') as Item;
    this.items = new Map([[String(item.id), item]]);
  }

  findItem(id: string): Item | undefined {
    return this.items.get(id);
  }
}
