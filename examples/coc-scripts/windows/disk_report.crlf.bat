@echo off
rem Free space per drive, in bytes
wmic logicaldisk get caption,freespace,size
exit /b 0
