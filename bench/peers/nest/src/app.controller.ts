import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { AppService, type Item } from './app.service';

@Controller()
export class AppController {
  constructor(private readonly appService: AppService) {}

  @Get('items/:id')
  getItem(@Param('id') id: string): Item {
    const item = this.appService.findItem(id);
    if (item === undefined) throw new NotFoundException('Item not found');
    return item;
  }
}
